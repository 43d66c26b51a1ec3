export declare function build(): number;
