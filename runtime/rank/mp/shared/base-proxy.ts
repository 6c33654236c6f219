/**
 * Python's `BaseProxy` / `AutoProxy`: what a BaseManager hands out for an object that is not a
 * shared object already (an instance of the program's class, a generator). The object stays in
 * the server; the proxy's methods are the object's exposed ones (its public methods, or the
 * typeid's `exposed` list), each a call to the server: `await foo.f()`, or `foo._callmethod('f')`.
 * A proxy class of the program's (`class IteratorProxy extends mp.BaseProxy`) may be registered as
 * the typeid's `proxytype`; its `static _exposed_` lists what the server lets it call.
 */
import { registerKind, SharedObject } from './base.js';
import { RemoteError } from './errors.js';
import type { ObjectImpl } from './registry.js';

/** Public methods of `obj` (own and inherited, not `constructor`, not starting with `_`). */
export function publicMethods(obj: object): string[] {
  const names = new Set<string>();
  for (let p: any = obj; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor' && !k.startsWith('_') && typeof (obj as any)[k] === 'function') names.add(k);
  }
  return [...names];
}

class HeldImpl implements ObjectImpl {
  constructor(private readonly obj: any, private readonly exposed: string[]) {}
  handle(method: string, args: unknown[]): unknown {
    if (!this.exposed.includes(method) || typeof this.obj[method] !== 'function') {
      throw new RemoteError(`method '${method}' of ${this.obj?.constructor?.name ?? 'the object'} is not exposed (exposed: ${this.exposed.join(', ') || 'none'})`);
    }
    return this.obj[method](...args);
  }
}

/** Python's `BaseProxy`: an object held by a BaseManager's server, reached by `_callmethod`. Subclass it for a `proxytype`. */
export class BaseProxy extends SharedObject {
  /** @internal The server's side: `obj` kept here, `exposed` the methods its proxies may call. */
  static hold(obj: object, exposed: string[]): BaseProxy {
    const p = Object.create(AutoProxy.prototype) as BaseProxy;
    p.init('BaseProxy', new HeldImpl(obj, exposed), { exposed });
    return p;
  }
  /** Python's `_callmethod(name, args)`: calls method `name` of the object in the server. */
  _callmethod<T = any>(name: string, ...args: unknown[]): Promise<T> {
    return this.call(name, ...args);
  }
  /** The methods the server lets this proxy call. */
  get _exposed_(): string[] {
    return this.fact<string[]>('exposed') ?? [];
  }
}

/** The default proxy: each exposed method of the object is a method of the proxy. */
export class AutoProxy extends BaseProxy {}
Object.setPrototypeOf(
  AutoProxy.prototype,
  new Proxy(BaseProxy.prototype, {
    get(target, prop, receiver) {
      const exposed = typeof prop === 'string' && !(prop in target) ? (receiver as BaseProxy)?._exposed_ : undefined;
      if (exposed?.includes(prop as string)) return (...args: unknown[]) => (receiver as BaseProxy)._callmethod(prop as string, ...args);
      return Reflect.get(target, prop, receiver);
    },
  }),
);

registerKind('BaseProxy', AutoProxy);
