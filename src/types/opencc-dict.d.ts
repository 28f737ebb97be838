/** OpenCC's dictionaries: "from to|from to|..." (opencc-js ships them untyped). */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
