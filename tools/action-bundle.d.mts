import type { BuildOptions, Plugin } from 'esbuild';

export declare const lazyUndici: Plugin;
export declare const ACTION_BUNDLE: BuildOptions;
