// Display settings of this visit. Times are stored in UTC; tables can show them in the browser's zone instead.

export const settings = $state({ localTime: false });

export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
