/**
 * dependency-cruiser parses with swc here (TypeScript 7 has no compiler API
 * for it), but asks swc for plain TypeScript even in .tsx files, whose JSX it
 * then cannot read. Preloaded by `npm run lint:deps`: .tsx files are parsed
 * with JSX on. dependency-cruiser's import() of @swc/core gets this same
 * module object.
 */
const swc = require("@swc/core");

const parseFileSync = swc.parseFileSync;
swc.parseFileSync = (file, options) => parseFileSync(file, String(file).endsWith(".tsx") ? { ...options, tsx: true } : options);
