/**
 * The timing bundle's entry (harness.ts builds it in memory): the shipped diagram, with the
 * timing hooks installed once its module has run and before the harness sees its `ready`.
 */
import { diagram } from '../../../webview/sequence/main.js';
import { installTimingHooks } from './hooks.js';

installTimingHooks(diagram);
