// @zxcvbn-ts/language-common ships its password list as a plain JSON module without types.
declare module "@zxcvbn-ts/language-common/dist/passwords.json.mjs" {
  const passwords: string[];
  export default passwords;
}
