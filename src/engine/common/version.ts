import manifest from '../../../package.json';

export const toolVersion: string = manifest.version;
