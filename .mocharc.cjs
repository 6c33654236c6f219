// `npm test` runs every test file; `npx mocha test/x.test.ts` runs only the files it names (a spec
// in the configuration would be added to them, running the whole suite every time).
const named = process.argv.slice(2).some((a) => /\.test\.ts$/.test(a));
module.exports = {
  spec: named ? [] : ['test/**/*.test.ts'],
  'node-option': ['import=tsx'],
  require: ['test/helpers/no-orphans.ts'],
  timeout: 60000,
  reporter: 'spec',
};
