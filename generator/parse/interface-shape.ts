// Whether a TypeScript block declares record shapes: an `interface X {` or `type X = {` with a
// typed property (`title: string`). Kept apart from read-interfaces.ts so that recognising such a
// block never loads TypeScript.
const DECLARATION = /^[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(?:interface[ \t]+[A-Za-z_$][\w$]*(?:<[^>{]*>)?(?:[ \t]+extends[ \t]+[^{]+)?[ \t]*\{|type[ \t]+[A-Za-z_$][\w$]*(?:<[^>=]*>)?[ \t]*=[ \t]*(?:[A-Za-z_$][\w$]*[ \t]*&[ \t]*)*\{)/m;
const PROPERTY = /^[ \t]*(?:readonly[ \t]+)?[A-Za-z_$][\w$]*\??[ \t]*:[ \t]*\S/m;

export const holdsInterfaces = (text: string): boolean => DECLARATION.test(text) && PROPERTY.test(text);
