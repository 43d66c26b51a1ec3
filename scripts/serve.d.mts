import type { Server } from 'node:http';
export declare function buildIfNeeded(): void;
export declare function serve(port: number, host?: string): Promise<Server>;
