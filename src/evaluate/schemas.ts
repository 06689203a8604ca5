// Validation is set up once, in src/ajv.ts; this module keeps the evaluate stage's import path.
export { firstError, optionsValidator, schemaValidator } from '../ajv.js';
