// `node scripts/count-phrase-patterns.mjs src/answering src/knowledge`: how many hand-written phrase patterns the code holds (issue 10 asks that it falls).
// Counts hand-written phrase patterns: regex literals and re("…") / new RegExp calls whose source holds a letter run of 2+ (phrases, not \d or punctuation only), plus alternatives within them.
import fs from "node:fs"; import path from "node:path";
const dirs = process.argv.slice(2);
let regexes = 0, alternatives = 0;
function walk(d){ for (const e of fs.readdirSync(d,{withFileTypes:true})) { const f=path.join(d,e.name); if(e.isDirectory()) walk(f); else if (f.endsWith(".ts")) scan(fs.readFileSync(f,"utf8"), f);} }
const perFile = {};
function scan(src, f){
  // regex literals: heuristic — / not preceded by identifier/number/)/] or "." (an import path such as "../knowledge/x.js") and containing at least one letter pair
  const lit = /(?<![\w)\].])\/(?![*\/])((?:\\.|\[(?:\\.|[^\]])*\]|[^\/\n\\])+)\/([dgimsuy]*)/g;
  const calls = /\bre\(\s*("(?:\\.|[^"])*"(?:\s*\+\s*"(?:\\.|[^"])*")*)/g;
  let n=0;
  for (const m of src.matchAll(lit)) { const s=m[1]; if (/[a-z]{2,}/.test(s.replace(/\\[a-z]/g,"")) && !/^\s/.test(s)) { n++; alternatives += s.split("|").length; } }
  for (const m of src.matchAll(calls)) { n++; alternatives += m[1].split("|").length; }
  regexes += n; perFile[path.relative(process.cwd(), f)] = n;
}
for (const d of dirs) walk(d);
console.log(JSON.stringify({regexes, alternatives, perFile}, null, 1));
