// Stryker loads plugins as JavaScript: this one loads the TypeScript runner through tsx.
import { register } from 'tsx/esm/api';

register();
const { strykerPlugins } = await import('./conformance-runner.ts');

export { strykerPlugins };
