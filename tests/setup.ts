// Shared test setup. DOM matchers only where a DOM exists.
if (typeof document !== 'undefined') await import('@testing-library/jest-dom/vitest');
export {};
