import type { Plugin } from 'esbuild';

export declare const lazyUndici: Plugin;
