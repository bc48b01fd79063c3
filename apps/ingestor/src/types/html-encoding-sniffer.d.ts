// html-encoding-sniffer ships no types: its one function, as its README describes it.
declare module 'html-encoding-sniffer' {
  interface SniffOptions {
    /** XML's rules (BOM, transport label, the XML declaration) rather than HTML's prescan. */
    xml?: boolean;
    /** The charset label of the Content-Type header, if any. */
    transportLayerEncodingLabel?: string;
    defaultEncoding?: string;
  }
  /** The canonical name of the encoding the bytes are in (BOM, transport label, then the markup). */
  function htmlEncodingSniffer(bytes: Uint8Array, options?: SniffOptions): string;
  export default htmlEncodingSniffer;
}
