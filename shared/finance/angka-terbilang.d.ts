// The package ships no types: it takes a number as a string (or a number) and returns the words.
declare module '@develoka/angka-terbilang-js' {
  export default function terbilang(value: string | number): string;
}
