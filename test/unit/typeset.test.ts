import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { naturalWidth, prepareParagraph, setParagraph, wordBounds, type SetLine } from '../../src/typeset/index.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/typeset/chars.js';
import { hyphenationPoints } from '../../src/typeset/hyphenate.js';
import { mixedRuns, testMetrics, type TestStyle } from '../helpers/typeset-metrics.js';

/** A stress set: punctuation pairs at every place, dashes, ellipses, numbers, Latin words, names with ·. */
const STRESS = [
  '本文研究了深度学习在中医诊断中的应用（以舌诊为例）。实验表明，超过70%的样本都是正确的——这说明方法有效……我们使用了PyTorch框架，资助号No 12122515资助。最后一句话是根据。',
  '他说：“这是一个问题。”“什么问题？”她问。「引号」『书名』《神经网络》（括号）【注】。。。！！？？，，、、',
  '谢·禹与毕则栋在2022年12月31日～2023年1月1日举办了第二届神经网络新年交叉论坛（线上），欢迎参加！',
  '每个人大约花三分之一左右的时间在睡眠上。睡眠过程中虽然大脑与外界几乎切断了联系，但是大脑中的神经细胞却忙碌地重放着清醒状态下学习到的信息，从而实现记忆的巩固。为早期预防、诊断及干预提供坚实的理论依据。',
  '深度神经网络（Deep Neural Networks, DNN）在图像识别、自然语言处理等领域取得了巨大成功，但其可解释性仍是一个开放问题。我们提出一种基于信息瓶颈（information bottleneck）的方法。',
];
const ENGLISH = 'Traditional Chinese Medicine (TCM), which originated in ancient China with a history of thousands of years, characterizes and addresses human physiology, pathology, and diseases diagnosis and prevention using TCM theories and Chinese herbal products. However, the pharmacological principles in TCM theory, the core treasure house of TCM, have rarely been systematically investigated in a top-down manner, which hinders the modernization and standardization of TCM.';

const text = (l: SetLine<TestStyle>) => l.runs.map((r) => r.text).join('');
const WIDTHS = [97, 150, 203.5, 260, 311];

function each(fn: (lines: SetLine<TestStyle>[], para: string, width: number) => void): void {
  for (const para of STRESS) for (const width of WIDTHS) fn(setParagraph(mixedRuns(para, 9.5), testMetrics, { width, align: 'justify', indent: 19 }), para, width);
}

describe('the paragraph setter', () => {
  it('measures a long run with a break every few characters in linear time (each piece, not each start)', () => {
    // "https://e.org/x" 300 times: a break after every slash before a letter.
    const run = 'https://e.org/x'.repeat(300);
    let measured = 0;
    const counting = { ...testMetrics, width: (t: string, style: TestStyle) => { measured += t.length; return testMetrics.width(t, style); } };
    // On one line (how fitting measures a text's width): the run is one word, with a break after each slash.
    const lines = setParagraph(mixedRuns(run, 9.5), counting, { width: 1e9 });
    expect(lines.map(text).join('')).toBe(run);
    // Measuring every start of the run whole was 300 × 2,400 characters on average.
    expect(measured).toBeLessThan(20 * run.length);
  });

  it('loses no character and adds only hyphens', () => {
    each((lines, para) => expect(lines.map(text).join('').replace(/\s+/g, '')).toBe(para.replace(/\s+/g, '')));
  });

  it('starts no line with closing punctuation and ends none with opening punctuation (clreq)', () => {
    each((lines) => {
      lines.forEach((l, k) => {
        const t = text(l).trim();
        if (k > 0) expect(NO_LINE_START.includes(t[0]), `line ${k} "${t}"`).toBe(false);
        if (!l.last) expect(NO_LINE_END.includes(t[t.length - 1]), `line ${k} "${t}"`).toBe(false);
      });
    });
  });

  it('keeps —— and …… whole, and · ～ with their neighbours, numbers and Latin words whole', () => {
    each((lines) => {
      for (let k = 1; k < lines.length; k++) {
        const raw = text(lines[k - 1]);
        const before = raw.trimEnd();
        const after = text(lines[k]);
        if (raw !== before) continue; // broken at a space
        const join = before.slice(-1) + after[0];
        expect(['——', '……'].includes(join), join).toBe(false);
        expect(/[·～]/.test(join), join).toBe(false);
        expect(/^[A-Za-z0-9%]{2}$/.test(join) && !before.endsWith('-'), `${before}|${after}`).toBe(false);
      }
    });
  });

  it('keeps justified lines exactly the line width, and no line wider', () => {
    each((lines, _para, width) => {
      lines.forEach((l, k) => {
        expect(l.width).toBeLessThanOrEqual(width + 1e-6);
        if (!l.last) expect(l.width, `line ${k} "${text(l)}"`).toBeCloseTo(width, 3);
      });
    });
  });

  it('ends few justified paragraphs with the tail of a hyphenated word (31C3: "technol- / ogy.")', () => {
    const para = "For two years SCADA StrangeLove speaks about Industrial Control Systems and nuclear plants. This year we want to discuss Green Energy. Our hackers' vision of Green Energy, SmartGrids and Cloud IoT technology.";
    let tails = 0;
    for (let width = 180; width <= 320; width += 4) {
      const lines = setParagraph(mixedRuns(para, 9.5), testMetrics, { width, align: 'justify', hyphenate: 'en' });
      if (lines.length > 1 && text(lines[lines.length - 2]).trimEnd().endsWith('-')) tails++;
    }
    // 5 of the 36 widths did; the one left has no other breaks within the word spaces' tolerance.
    expect(tails).toBeLessThanOrEqual(1);
  });

  it('ends no paragraph with a line of one character', () => {
    each((lines) => {
      if (lines.length < 2) return;
      const bare = text(lines[lines.length - 1]).replace(/[\s，。、；：？！）》」』”’.,;:?!)]/gu, '');
      expect([...bare].length, text(lines[lines.length - 1])).toBeGreaterThan(1);
    });
  });

  it('compresses adjacent full-width punctuation to 1.5 em and drops the blank half at line ends', () => {
    const [line] = setParagraph(mixedRuns('（以舌诊为例）。完', 10), testMetrics, { width: 1000 });
    const runs = line.runs;
    const close = runs.find((r) => r.text === '）')!;
    const stop = runs.find((r) => r.text === '。')!;
    const next = runs.find((r) => r.text.startsWith('完'))!;
    expect(next.x - close.x).toBeCloseTo(15, 6); // "）。" 1.5 em, not 2
    expect(stop.x - close.x).toBeCloseTo(5, 6);
    expect(runs[0].text).toBe('（');
    expect(runs[0].x).toBeCloseTo(0, 6); // a line's opening bracket loses its blank half
    expect(runs[1].x).toBeCloseTo(5, 6);
    const ended = setParagraph(mixedRuns('一二三四五六七八，九十', 10), testMetrics, { width: 85, align: 'justify' });
    expect(text(ended[0])).toBe('一二三四五六七八，');
    expect(ended[0].width).toBeCloseTo(85, 6); // the comma's blank half is gone at the line's end
  });

  it('sets —— exactly two em wide', () => {
    const [line] = setParagraph(mixedRuns('学——从', 10), testMetrics, { width: 1000 });
    const dash = line.runs.find((r) => r.text === '——')!;
    expect(dash.width).toBeCloseTo(20, 6);
    expect(dash.scale).toBeGreaterThan(100);
    expect(line.runs.find((r) => r.text === '从')!.x - dash.x).toBeCloseTo(20, 6);
  });

  it('puts ¼ em between Chinese and Latin letters or digits, a typed space becoming that gap', () => {
    for (const src of ['超过70%都是', '超过 70% 都是']) {
      const [line] = setParagraph(mixedRuns(src, 10), testMetrics, { width: 1000 });
      const num = line.runs.find((r) => r.text.startsWith('70%'))!;
      const after = line.runs.find((r) => r.text.startsWith('都'))!;
      const before = line.runs.find((r) => r.text.startsWith('超'))!;
      expect(num.x - (before.x + 20)).toBeCloseTo(2.5, 6);
      expect(after.x - (num.x + testMetrics.width('70%', num.style))).toBeCloseTo(2.5, 6);
    }
    // Inline maths on both sides ("梯度 ∂L/∂θ 很小", was no gap before ∂), and a percent typed apart ("约 70 % 的").
    for (const [src, before, after] of [['梯度∂L/∂θ很小', '∂L/∂θ', '很'], ['约70 %的样本', '70', '的']]) {
      const [line] = setParagraph(mixedRuns(src, 10), testMetrics, { width: 1000 });
      const first = line.runs.find((r) => r.text.startsWith(before.slice(0, 1)))!;
      const han = line.runs.find((r) => r.x < first.x)!;
      expect(first.x - (han.x + han.width), src).toBeCloseTo(2.5, 6);
      const next = line.runs.find((r) => r.text.startsWith(after))!;
      const prev = line.runs.filter((r) => r.x < next.x).pop()!;
      expect(next.x - (prev.x + testMetrics.width(prev.text.trimEnd(), prev.style)), src).toBeCloseTo(2.5, 6);
    }
    const [none] = setParagraph(mixedRuns('超过70%都是', 10), testMetrics, { width: 1000, cjkLatinSpace: 0 });
    expect(none.width).toBeCloseTo(40 + testMetrics.width('70%', { face: 'serif-latin', size: 10 }), 6);
  });

  it('justifies between Chinese characters and at spaces, never inside a Latin word', () => {
    const lines = setParagraph(mixedRuns(STRESS[4], 9.5), testMetrics, { width: 203.5, align: 'justify' });
    for (const l of lines) {
      for (const r of l.runs) {
        if (!/^[A-Za-z]{2,}/.test(r.text)) continue;
        const word = r.text.trim().replace(/[-,).]$/, '');
        // a Latin run is drawn in one piece at its natural width (its letters not spread)
        expect(r.width).toBeCloseTo(testMetrics.width(r.text.replace(/\s+$/, ''), r.style) + (r.text.endsWith(' ') ? testMetrics.width(' ', r.style) * (r.text.length - r.text.trimEnd().length) : 0), 6);
        void word;
      }
    }
  });

  it('hyphenates English at Liang points and keeps word spaces within half an em', () => {
    for (const width of [180, 220, 311]) {
      const lines = setParagraph(mixedRuns(ENGLISH, 9.5), testMetrics, { width, align: 'justify', hyphenate: 'en' });
      for (const l of lines.slice(0, -1)) {
        const t = text(l).trimEnd();
        if (t.endsWith('-') && !/[A-Z]-$/.test(t)) {
          const word = t.split(' ').pop()!.replace(/-$/, '');
          const next = text(lines[lines.indexOf(l) + 1]).split(' ')[0].replace(/[^A-Za-z]/g, '');
          const whole = (word + next).replace(/[^A-Za-z]/g, '');
          expect(hyphenationPoints(whole, 'en'), `${word}-${next}`).toContain(word.replace(/[^A-Za-z]/g, '').length);
        }
        // the gaps between words: at most half an em more than a space
        for (let i = 1; i < l.runs.length; i++) {
          const a = l.runs[i - 1];
          if (!a.text.endsWith(' ')) continue;
          const gap = l.runs[i].x - (a.x + a.width);
          expect(gap, t).toBeLessThan(0.5 * 9.5);
        }
      }
    }
    expect(hyphenationPoints('hyphenation', 'en')).toEqual([2, 6]);
    expect(hyphenationPoints('représentation', 'fr').length).toBeGreaterThan(2);
    expect(hyphenationPoints('Silbentrennung', 'de')).toEqual([3, 6, 10]);
    expect(hyphenationPoints('UNESCO', 'en')).toEqual([]);
    // Names and mixed-case acronyms stay whole; German nouns are capitalised and still break.
    expect(hyphenationPoints('Gruebel', 'en')).toEqual([]);
    expect(hyphenationPoints('Linguistic', 'en')).toEqual([]);
    expect(hyphenationPoints('linguistic', 'en').length).toBeGreaterThan(0);
    expect(hyphenationPoints('CoLLaMinator', 'de')).toEqual([]);
    // French elision: d’architecture, l’interopérabilité are hyphenated after the apostrophe's word (they were left whole).
    for (const word of ['d’architecture', 'l’information', 'qu’automatiquement', 'university’s']) {
      const w = testMetrics.width(word, { face: 'serif-latin', size: 9.5 });
      const set = setParagraph(mixedRuns(`${word} ${word} ${word}`, 9.5), testMetrics, { width: w * 1.6, align: 'justify', hyphenate: word.startsWith('u') ? 'en' : 'fr' }).map(text);
      expect(set.join('').replace(/-/g, '').replace(/\s+/g, ''), set.join(' | ')).toBe(word + word + word);
      expect(set.some((l) => l.trimEnd().endsWith('-')), set.join(' | ')).toBe(true);
    }
  });

  it('balances display lines and breaks them only between words', () => {
    const lines = setParagraph(mixedRuns('中医药专题研讨会与在线主动学习', 30), testMetrics, { width: 300, display: true });
    // never inside 专题 研讨 在线 主动 (a one-character word stays with the word before it)
    expect(lines.length).toBe(2);
    const joins = lines.slice(1).map((l, k) => text(lines[k]).slice(-1) + text(l)[0]);
    for (const j of joins) expect(['专题', '研讨', '在线', '主动'].some((w) => w === j), j).toBe(false);
    const two = setParagraph(mixedRuns('从人工神经网络的视角刻画中医理论', 24), testMetrics, { width: 300, display: true });
    expect(two.length).toBe(2);
    for (const l of two) expect(text(l)).not.toMatch(/^(医|题)/);
    expect(Math.abs(two[0].width - two[1].width)).toBeLessThan(24 * 3);
  });

  it('puts, among nearly as balanced display lines, the longer line first (Chinese and English)', () => {
    // 感知器 | 在线 are words (ICU's 感知|器|在|线 read so): 10 and 8 characters, the longer first.
    for (const em of [12.5, 11.5, 10.5]) {
      const zh = setParagraph(mixedRuns('侧向预测编码和感知器在线主动学习初探', 20), testMetrics, { width: 20 * em, display: true });
      expect(zh.map(text).map((t) => t.trim())).toEqual(['侧向预测编码和感知器', '在线主动学习初探']);
    }
    const en = setParagraph(mixedRuns('Representational Learning and Grid Cells', 20), testMetrics, { width: 300, display: true });
    expect(en.map(text).map((t) => t.trim())).toEqual(['Representational Learning', 'and Grid Cells']);
    // Where only the shorter first line fits, it stays: the rule chooses among breaks that fit.
    const narrow = setParagraph(mixedRuns('Representational Learning and Grid Cells', 20), testMetrics, { width: 240, display: true });
    expect(narrow.map(text).map((t) => t.trim())).toEqual(['Representational', 'Learning and Grid Cells']);
    // Three lines: the second not shorter than the third either.
    const three = setParagraph(mixedRuns('Image encryption based on hyperchaos combined with different methods', 20), testMetrics, { width: 265, display: true });
    expect(three.map(text).map((t) => t.trim())).toEqual(['Image encryption based on', 'hyperchaos combined with', 'different methods']);
    // Far from balanced, the longer first line is not taken: 下一代神经质量 | 模型的研究与应用 stays.
    const far = setParagraph(mixedRuns('下一代神经质量模型的研究与应用', 20), testMetrics, { width: 20 * 11, display: true });
    expect(far.map(text).map((t) => t.trim())).toEqual(['下一代神经质量', '模型的研究与应用']);
  });

  it('reads ICU\'s one-character pieces as words: function words with the word before, the others in pairs', () => {
    const words = (t: string) => { const b = [...wordBounds(t)].sort((x, y) => x - y); return b.map((e, i) => t.slice(b[i - 1] ?? 0, e)).filter(Boolean); };
    expect(words('侧向预测编码和感知器在线主动学习初探')).toEqual(['侧向', '预测', '编码和', '感知器', '在线', '主动', '学习', '初探']);
    expect(words('中医药专题研讨会与在线主动学习').slice(-5)).toEqual(['专题', '研讨会与', '在线', '主动', '学习']);
    expect(words('“大语言模型与智能涌现”专题研讨')).toContain('大语言');
    expect(words('深圳湾实验室神经疾病研究所').slice(0, 2)).toEqual(['深圳湾', '实验室']);
    expect(words('脉冲神经网络的端到端反向传播学习')).toEqual(['脉冲', '神经', '网络的', '端到端', '反向', '传播', '学习']);
  });

  it('breaks people\'s names only between names and their parts: after ·, at spaces, never at a hyphen or inside a part', () => {
    const lines = (t: string, width: number, options: object = {}) => setParagraph(mixedRuns(t, 20), testMetrics, { width, names: true, ...options }).map(text).map((l) => l.trim());
    for (const display of [true, false]) {
      // 欧阳娜娜·买买提江: two parts; ICU alone cut it 买买 | 提江.
      expect(lines('欧阳娜娜·买买提江', 120, { display })).toEqual(['欧阳娜娜·', '买买提江']);
      expect(lines('Zoë Łukasiewicz-Ørsted', 200, { display })).toEqual(['Zoë', 'Łukasiewicz-Ørsted']);
      expect(lines('Sarah Haïm-Lubczanski', 180, { display })).toEqual(['Sarah', 'Haïm-Lubczanski']);
    }
    // Too narrow for a part: a display line (a fit, which then sets it smaller) is wider than the box, never cut.
    expect(lines('Łukasiewicz-Ørsted', 100, { display: true })).toEqual(['Łukasiewicz-Ørsted']);
    expect(lines('欧阳娜娜', 50, { display: true })).toEqual(['欧阳娜娜']);
    // In a paragraph, as a last resort, between characters rather than off the page.
    expect(lines('欧阳娜娜', 50).join('')).toBe('欧阳娜娜');
    expect(lines('欧阳娜娜', 50).length).toBeGreaterThan(1);
    // Arabic: عبد الرحمن and بن عبد العزيز are not parted (the badge broke عبد | العزيز).
    for (const width of [60, 90, 120, 150, 200]) {
      for (const l of lines('عبد الرحمن بن عبد العزيز الهاشمي', width, { display: true })) expect(/(عبد|بن)$/.test(l), `${width}: ${l}`).toBe(false);
    }
    // Not names: the hyphen and ICU's words are places to break.
    expect(setParagraph(mixedRuns('Łukasiewicz-Ørsted', 20), testMetrics, { width: 100 }).length).toBe(2);
    // Never hyphenated, in a justified paragraph either.
    const names = setParagraph(mixedRuns('Wolfgang Amadeus Mozart Johannes Chrysostomus Theophilus', 10), testMetrics, { width: 60, align: 'justify', hyphenate: 'de', names: true });
    expect(names.map(text).join('')).not.toContain('-');
    // A list: lines break after a separator, a name whole where the line allows (display lines: always).
    const list = 'Lucie Anglade · Morgane Rozenn Hauguel · Victor Stinner · Guillaume Ayoub · Sarah Haïm-Lubczanski · Pauline Rambaud';
    for (const width of [150, 200, 260, 330]) {
      const set = lines(list, width, { display: true });
      expect(set.join(' ').replace(/\s+/g, ' '), `${width}`).toBe(list);
      for (const l of set) {
        expect(l.startsWith('·'), l).toBe(false);
        if (l !== set[set.length - 1]) expect(l.endsWith('·'), l).toBe(true);
      }
    }
  });

  it('keeps 第 with its number, typed with a space or without (第 2 届, 第3章)', () => {
    for (const t of ['本次论坛是第 2 届，也是第3章所述的第 12 次会议的延续与发展', '第2届第3届第4届第5届第6届第7届']) {
      for (const width of [30, 45, 60, 75, 90, 120]) {
        const set = setParagraph(mixedRuns(t, 10), testMetrics, { width, align: 'justify' }).map(text);
        for (const l of set.slice(0, -1)) expect(l.trimEnd().endsWith('第'), `${width}: ${set.join(' | ')}`).toBe(false);
      }
    }
  });

  it('keeps a mark that may not start a line with the word before it across a space, and one that may not end a line with the word after', () => {
    const widths = [40, 55, 70, 90, 110, 140];
    const cases = ['Lucie Anglade · Morgane Hauguel · Victor Stinner', 'plus de 70 % des cas', 'Est-on payé à écrire du code ? Oui ! Pourquoi ; enfin', 'le « mot juste » ici', 'Das LIMBO Projekt - Linked Data – Enterprise'];
    for (const t of cases) {
      for (const width of widths) {
        const set = setParagraph(mixedRuns(t, 10), testMetrics, { width }).map(text);
        set.forEach((l, k) => {
          if (k > 0) expect('·%?!;:»-–'.includes(l.trim()[0]), `${width}: ${set.join(' | ')}`).toBe(false);
          if (k < set.length - 1) expect(l.trimEnd().endsWith('«'), `${width}: ${set.join(' | ')}`).toBe(false);
        });
      }
    }
  });

  it('splits a word longer than the line, and sets a 40,000-character run line by line', () => {
    const long = 'x'.repeat(40_000);
    const lines = setParagraph(mixedRuns(long, 9.5), testMetrics, { width: 300, align: 'justify' });
    expect(lines.map(text).join('')).toBe(long);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(300 + 1e-6);
    const han = '中'.repeat(10_000);
    expect(setParagraph(mixedRuns(han, 9.5), testMetrics, { width: 300, align: 'justify' }).map(text).join('')).toBe(han);
  });

  it('breaks a row of dashes or emoji wider than the line, whole or in pieces, as a last resort (each ran off the page)', () => {
    const style = mixedRuns('中', 9.5)[0].style;
    const prepared = (pieces: string[], width: number) => {
      // As pdfmake's measuring pass prepares them (at no width), then broken at the column's.
      const runs = pieces.map((t) => ({ text: t, style, size: 9.5 }));
      const options = { align: 'justify' as const };
      return setParagraph(runs, testMetrics, { ...options, width }, prepareParagraph(runs, testMetrics, options));
    };
    const dashes = '分隔线：' + '—'.repeat(300);
    const emoji = '点赞：' + '👍🏽'.repeat(200);
    for (const pieces of [[dashes], [...dashes], [emoji], ['点赞：', ...Array(200).fill('👍🏽')]]) {
      const lines = prepared(pieces, 300);
      expect(lines.map(text).join('')).toBe(pieces.join(''));
      expect(lines.length).toBeGreaterThan(5);
      for (const l of lines) expect(l.width).toBeLessThanOrEqual(300 + 1e-6);
    }
    // Whole, the dashes break between pairs, each —— still two em.
    for (const l of prepared([dashes], 300).slice(1, -1)) expect([...text(l)].length % 2).toBe(0);
  });

  it('breaks an address that arrives cut into pieces after its slashes (as pdfmake hands one over)', () => {
    const url = `https://example.org/${'ab/cd'.repeat(600)}`;
    const pieces = url.match(/[^/]*\/+|[^/]+$/g)!;
    const style = mixedRuns('x', 9.5)[0].style;
    const lines = setParagraph(pieces.map((t) => ({ text: t, style, size: 9.5 })), testMetrics, { width: 300, align: 'justify' });
    expect(lines.map(text).join('')).toBe(url);
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(300 + 1e-6);
  });

  it('sets a paragraph prepared once (as pdfmake measures it) exactly as one set from scratch, at every width', () => {
    const long = `See https://example.org/${'abcdefgh'.repeat(12)} and 超长的段落。`;
    const cases = [
      ...STRESS.map((para) => ({ runs: mixedRuns(para, 9.5), options: { align: 'justify' as const, indent: 19 } })),
      { runs: mixedRuns(ENGLISH, 9.5), options: { align: 'justify' as const, hyphenate: 'en' } },
      { runs: mixedRuns('中医药专题研讨会与在线主动学习', 30), options: { display: true } },
      { runs: [...mixedRuns('第一行，', 10).map((r) => ({ ...r, lineEnd: true })), ...mixedRuns(long, 10)], options: { align: 'justify' as const, indent: 5 } },
    ];
    for (const { runs, options } of cases) {
      const prepared = prepareParagraph(runs, testMetrics, options);
      for (const width of [...WIDTHS, 40, 1e7]) {
        expect(setParagraph(runs, testMetrics, { ...options, width }, prepared)).toEqual(setParagraph(runs, testMetrics, { ...options, width }));
      }
      // the widest line with only forced breaks: the same number as setting it on a line wider than any
      const widest = Math.max(...setParagraph(runs, testMetrics, { ...options, align: 'left', display: false, hyphenate: undefined, width: 1e7 }).map((l) => l.width));
      expect(naturalWidth(prepared)).toBe(widest);
    }
    // prepared for other runs or options: not used
    const prepared = prepareParagraph(mixedRuns(STRESS[0], 9.5), testMetrics, {});
    const other = mixedRuns(STRESS[1], 9.5);
    expect(setParagraph(other, testMetrics, { width: 150 }, prepared)).toEqual(setParagraph(other, testMetrics, { width: 150 }));
  });

  it('hyphenates every word as the hyphen package does (its Liang patterns, read without its text reader)', () => {
    const require = createRequire(import.meta.url);
    const hyphen: Record<string, { hyphenateSync(w: string, o: object): string }> = { en: require('hyphen/en-us'), fr: require('hyphen/fr'), de: require('hyphen/de-1996') };
    const dir = new URL('../../content/abstracts/', import.meta.url);
    const prose = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8')).join(' ') + ENGLISH;
    const words = [...new Set(prose.match(/[\p{L}\p{M}]{5,}/gu))].filter((w) => !/[\p{Lu}\p{Lt}]/u.test(w.slice(1)));
    words.push('associate', 'philanthropic', 'représentation', 'élégance', 'Silbentrennung', 'Schifffahrt', 'Straßenbahn');
    let hyphenated = 0;
    for (const lang of ['en', 'fr', 'de']) {
      for (const word of words) {
        if (lang !== 'de' && /^[\p{Lu}\p{Lt}]/u.test(word)) continue;
        const marked = hyphen[lang].hyphenateSync(word, { hyphenChar: '\u00AD', minWordLength: 5 });
        const expected = [...marked.matchAll(/\u00AD/g)].map((m, i) => m.index! - i).filter((p) => p >= 2 && p <= word.length - 3);
        expect(hyphenationPoints(word, lang), `${lang} ${word}`).toEqual(expected);
        if (expected.length) hyphenated++;
      }
    }
    expect(hyphenated).toBeGreaterThan(500);
  });
});
