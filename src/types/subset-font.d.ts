// subset-font ships no types: the one call we make.
declare module 'subset-font' {
  /** A copy of `font` holding only the glyphs `text` needs, in `targetFormat`. */
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' },
  ): Promise<Buffer>;
}
