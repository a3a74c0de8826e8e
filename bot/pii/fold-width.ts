// Citizens paste numbers typed on Korean IMEs, which often produce full-width digits and dashes
// ("０１０－１２３４－５６７８"). Detection runs on a folded copy; folding maps one UTF-16 code unit to
// one code unit, so every offset found on the folded text is also an offset on the original.

// U+FF01–FF5E are the full-width forms of ASCII '!'–'~' (what NFKC does to them, minus the
// length change NFKC can cause elsewhere); the rest are dashes, minus and spaces.
const FOLDABLE = /[\uFF01-\uFF5E\u2010-\u2015\u2212\uFE63\u3000\u00A0]/g;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0) return ' ';
  return '-';
}

/** The text with full-width ASCII, dashes and wide spaces folded to ASCII; same length. */
export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}
