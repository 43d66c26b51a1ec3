export declare const CSP: string;
export declare function securityHeaders(opts?: { dev?: boolean }): Record<string, string>;
