// The model layer: typed views of the metadata, the project model, and the shared facts the rules and reports read.
export * from './types.js';
export * from './names.js';
export * as xnode from './xnode.js';
export { extractFile } from './extract.js';
export { expectedRoot } from './file-checks.js';
export { VIEW_TYPES, type ViewType } from './views.js';
export { ProjectModel, type Duplicate } from './project-model.js';
export * from './reference-index.js';
export * as refs from './refs-all.js';
export * as external from './external.js';
export * as health from './health.js';
export * as permissions from './permissions.js';
export * as permissionCatalog from './permission-catalog.js';
