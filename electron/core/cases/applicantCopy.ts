/**
 * The applicant copy (SPEC F7): made in main from the redacted case view, so it can never hold a
 * protected value — even while a grant is live, because grants never enter the case state. The
 * printed/PDF form is rendered by a platform adapter (Electron printToPDF; Chromium in the e2e).
 */
import type { CaseView, FormKind, PersonField, PersonView } from '../../../shared/cases/model';
import { formatWareki } from '../../../shared/text/date';

export const FORM_TITLES: Record<FormKind, string> = {
  tenseki: '転籍届',
  juminhyo: '住民票の写し等交付請求書',
  fuhyo: '戸籍の附票の写し交付請求書',
  koseki: '戸籍謄抄本等交付請求書',
};

/** The person at the counter, named as the form names them (docs/glossary.md): never 申出者 or 申請者. */
const COUNTER_PERSON: Record<FormKind, string> = { tenseki: '届出人', juminhyo: '請求者', fuhyo: '請求者', koseki: '請求者' };

const APPLICANT_KIND: Record<CaseView['applicantKind'], string> = { self: '本人', agent: '代理人', professional: '士業（職務上請求）', third: '第三者' };
const FIELD_LABEL: Record<PersonField, string> = { address: '住所', katagaki: '方書', honseki: '本籍', household: '世帯主', phone: '電話番号' };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function personRows(p: PersonView, heading: string): string {
  const cells: [string, string][] = [
    ['氏名', p.name],
    ['フリガナ', p.kana],
    ['生年月日', p.dobDisplay || p.dob],
    ['続柄', p.relation],
    ...(Object.keys(FIELD_LABEL) as PersonField[]).map((f): [string, string] => {
      const v = p.fields[f];
      return [FIELD_LABEL[f], v.masked ? v.placeholder : v.value];
    }),
  ];
  return `<h2>${esc(heading)}</h2><table>${cells.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

export function applicantCopyHtml(view: CaseView, issuedAt: Date): string {
  const title = FORM_TITLES[view.form];
  const persons = view.persons.map((p, i) => personRows(p, `記載された方${i + 1}`)).join('');
  const honseki = view.form === 'tenseki' ? `<h2>新本籍</h2><p>${esc(view.newHonseki)}</p>` : '';
  // 和暦 first with the western year, the counter's wall clock (JST), as on every screen.
  const jst = new Date(issuedAt.getTime() + 9 * 3600_000).toISOString();
  const stamp = `${formatWareki(jst.slice(0, 10))}（${jst.slice(0, 4)}年）${jst.slice(11, 16)}`;
  const who = COUNTER_PERSON[view.form];
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${esc(title)}（お客様控え）</title><style>
body{font-family:'Noto Sans CJK JP','Yu Gothic','Meiryo',sans-serif;font-size:11pt;margin:18mm;color:#000}
h1{font-size:16pt;border-bottom:2px solid #000;padding-bottom:4pt}h2{font-size:12pt;margin:14pt 0 4pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:4pt 6pt;text-align:left}th{width:28%;background:#eee}
.note{margin-top:18pt;font-size:9.5pt;border:1px solid #444;padding:6pt}
</style></head><body>
<h1>${esc(title)}（お客様控え）</h1>
<p>${esc(who)}の区分：${esc(APPLICANT_KIND[view.applicantKind])}　　作成日時：${esc(stamp)}</p>
${personRows(view.applicant, who)}
${persons}
${honseki}
<p class="note">この控えはお客様用です。「●●●●」の項目は、法令等に基づき表示できない情報です。内容についてのお問い合わせは窓口でお伺いします。</p>
</body></html>`;
}
