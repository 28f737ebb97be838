// Seeded generator of synthetic conferences as real content folders, modelled on content/:
// forum.yaml, introduction.md, schedule.yaml, abstracts/*.md and attendees.csv
// (id,name,name_en,affiliation,role — the badge list format of the signs branch).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frabConference } from './generate-frab.mjs';

/** mulberry32: a small, fast, seeded PRNG, so the same seed gives the same conference. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'],
  ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'],
  ['罗', 'Luo'], ['郑', 'Zheng'], ['谢', 'Xie'], ['宋', 'Song'], ['唐', 'Tang'], ['董', 'Dong'], ['邹', 'Zou'], ['魏', 'Wei'], ['冯', 'Feng'],
  ['田', 'Tian'], ['雷', 'Lei'], ['毕', 'Bi'], ['库', 'Ku'], ['余', 'Yu'], ['蒋', 'Jiang'], ['丁', 'Ding'], ['路', 'Lu'], ['齐', 'Qi']];
const GIVEN = [['海平', 'Haiping'], ['逸轩', 'Yixuan'], ['希昀', 'Xiyun'], ['则栋', 'Zedong'], ['国璋', 'Guozhang'], ['文昊', 'Wenhao'],
  ['冬平', 'Dongping'], ['肇飞', 'Zhaofei'], ['行思', 'Xingsi'], ['英年', 'Yingnian'], ['海军', 'Haijun'], ['宇', 'Yu'], ['子童', 'Zitong'],
  ['鸿杰', 'Hongjie'], ['志聪', 'Zhicong'], ['依娜', 'Yina'], ['健豪', 'Jianhao'], ['子健', 'Zijian'], ['亮', 'Liang'], ['娜', 'Na'],
  ['文轩', 'Wenxuan'], ['浩腾', 'Haoteng'], ['雅静', 'Yajing'], ['洋', 'Yang'], ['志钦', 'Zhiqin'], ['恒奎', 'Hengkui'], ['祥明', 'Xiangming'],
  ['宪', 'Xian'], ['勃', 'Bo'], ['泽', 'Ze'], ['晓明', 'Xiaoming'], ['思远', 'Siyuan'], ['佳怡', 'Jiayi'], ['子涵', 'Zihan'], ['一鸣', 'Yiming']];
const WESTERN = ['Alice Martin', 'David Chen', 'Maria Rossi', 'John Smith', 'Yuki Tanaka', 'Emma Müller', 'Lucas Silva', 'Sarah Johnson',
  'Ruiqi Gao', 'Xue-Xin Wei', 'Pierre Dubois', 'Anna Kowalski'];
const AFFILIATIONS = ['中山大学', '北京大学', '清华大学', '复旦大学', '上海交通大学', '浙江大学', '南京大学', '中国科学技术大学', '暨南大学',
  '华南理工大学', '中国科学院自动化研究所', '中国科学院理论物理研究所', '北京师范大学', '西湖大学', '香港浸会大学', '上海科技大学',
  'UCLA', 'MIT', 'University of Oxford', 'ETH Zürich', 'RIKEN Center for Brain Science', '复旦大学类脑智能科学与技术研究院'];

const ZH_TERMS = ['吸引子网络', '深度神经网络', '概率推断', '采样算法', '表征学习', '网格细胞', '统计物理', '随机动力学', '突触可塑性',
  '脉冲神经网络', '哈密顿采样', '连续吸引子', '工作记忆', '强化学习', '生成模型', '扩散模型', '大语言模型', '神经编码', '储备池计算',
  '平均场理论', '自由能原理', '贝叶斯推断', '神经流形', '视觉皮层', '海马体', '损失景观', '泛化误差', '隐式正则化', '注意力机制', '对称性破缺'];
const ZH_OPEN = ['我们的工作提出了', '本报告将介绍', '近年来，', '在这项研究中，我们', '我们理论证明了', '实验结果表明', '传统观点认为',
  '为了理解', '我们进一步发现', '基于这一框架，'];
const ZH_MID = ['一种在{t}中实现{t}的机制', '{t}与{t}之间的联系', '如何利用{t}刻画{t}的动力学', '{t}的基本原理',
  '{t}在{t}中的作用', '一个统一的{t}框架', '{t}对{t}的影响', '从第一性原理出发理解{t}'];
const ZH_TAIL = ['，从而提高了计算效率', '，并与实验数据相吻合', '；同时，这一结果也为{t}提供了新的视角', '，这对理解生物智能的本质有重要意义',
  '，揭示了其背后的物理机制', '（包括{t}与{t}）', '，其性能显著优于传统方法', ''];
const EN_TERMS = ['attractor networks', 'deep neural networks', 'Bayesian inference', 'grid cells', 'representation learning',
  'statistical mechanics', 'synaptic plasticity', 'spiking neural networks', 'working memory', 'reinforcement learning',
  'generative models', 'diffusion models', 'large language models', 'neural coding', 'mean-field theory', 'the free energy principle',
  'neural manifolds', 'the visual cortex', 'loss landscapes', 'implicit regularization', 'attention mechanisms', 'symmetry breaking'];
const EN_SENT = ['We study how {t} can be understood through the lens of {t}.', 'Recent advances in {t} raise the question of whether {t} is fast enough to match the rapid computation of the brain.',
  'In this talk, I will discuss our recent work on {t} and its relation to {t}.', 'We theoretically derive that {t} implements an efficient form of {t}.',
  'Simulation results validate our theoretical analyses of {t}.', 'Intriguingly, we find that {t} significantly speeds up learning in {t}.',
  'We further extend the model to {t} and demonstrate its advantages over {t}.', 'Joint work with {n} and {n}.',
  'These results suggest that {t} may be a general principle of {t}, e.g., in rats and humans.'];
const EN_TITLE = ['{T} in {t}', 'A Theory of {t}', 'Towards Understanding {t}', '{T}: From {t} to {t}', 'On the Dynamics of {t}',
  'Learning {t} with {t}', 'Statistical Physics of {t}'];
const ZH_TITLE = ['{t}中的{t}', '基于{t}的{t}研究', '{t}的统计物理理论', '从{t}到{t}', '{t}如何帮助加速{t}', '理解{t}：{t}的视角'];

/** The random pieces of a conference: people, titles, paragraphs. */
export function generator(seed) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const fill = (pattern) => pattern.replace(/\{t\}/g, () => pick(ZH_TERMS)).replace(/\{n\}/g, () => pick(WESTERN));
  const fillEn = (pattern) => pattern.replace(/\{T\}/g, () => cap(pick(EN_TERMS))).replace(/\{t\}/g, () => pick(EN_TERMS)).replace(/\{n\}/g, () => pick(WESTERN));
  const cap = (s) => s.replace(/(^|\s)([a-z])/g, (m, a, b) => a + b.toUpperCase());
  const person = () => {
    if (r() < 0.08) { const n = pick(WESTERN); return { name: n, name_en: n, affiliation: pick(AFFILIATIONS) }; }
    const [s, se] = pick(SURNAMES);
    const [g, ge] = pick(GIVEN);
    return { name: s + g, name_en: `${se} ${ge}`, affiliation: pick(AFFILIATIONS) };
  };
  const zhParagraph = () => {
    const sentences = [];
    for (let i = int(3, 7); i > 0; i--) sentences.push(pick(ZH_OPEN) + fill(pick(ZH_MID)) + fill(pick(ZH_TAIL)));
    return sentences.join('，') + '。';
  };
  const enParagraph = () => {
    const out = [];
    for (let i = int(5, 11); i > 0; i--) out.push(fillEn(pick(EN_SENT)));
    return out.join(' ');
  };
  return { r, pick, int, person, zhParagraph, enParagraph,
    titleZh: () => fill(pick(ZH_TITLE)), titleEn: () => fillEn(pick(EN_TITLE)) };
}

export const q = (s) => JSON.stringify(s); // YAML accepts JSON strings: safe for any title

/** One abstract file, mixing languages the way the real forum does. */
function abstractFile(g, id) {
  const style = g.r();
  const title = style < 0.35 ? `title: ${q(g.titleEn())}` : style < 0.75
    ? `title:\n  zh: ${q(g.titleZh())}\n  en: ${q(g.titleEn())}` : `title: ${q(g.titleZh())}`;
  const speakers = [];
  for (let i = g.r() < 0.12 ? g.int(2, 3) : 1; i > 0; i--) speakers.push(g.person());
  const lines = ['---', title, 'speakers:'];
  for (const p of speakers) lines.push(`  - name: ${q(p.name)}`, ...(g.r() < 0.4 ? [`    name_en: ${q(p.name_en)}`] : []), `    affiliation: ${q(p.affiliation)}`);
  lines.push(`kind: ${g.pick(['talk', 'talk', 'talk', 'talk', 'talk', 'invited', 'plenary', 'keynote'])}`, '---');
  const body = g.r();
  if (body < 0.05) return { text: lines.join('\n') + '\n', speakers };
  if (body < 0.45) lines.push(g.enParagraph(), '', g.zhParagraph());
  else if (body < 0.75) lines.push(g.enParagraph(), ...(g.r() < 0.4 ? ['', g.enParagraph()] : []));
  else lines.push(g.zhParagraph(), ...(g.r() < 0.4 ? ['', g.zhParagraph()] : []));
  return { text: lines.join('\n') + '\n', speakers };
}

export const pad = (n) => String(n).padStart(2, '0');
export const hm = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/**
 * Writes a conference of `talks` talks and `attendees` attendees into `dir`: days of four
 * sessions per room (five 20-minute talks each), rooms in parallel. With `rooms`, the
 * conference is shaped like a large frab export instead (see frabConference).
 */
export function generateConference(dir, { talks, attendees, seed = 1, rooms: roomCount }) {
  if (roomCount) return frabConference(dir, { talks, attendees, seed, rooms: roomCount });
  const g = generator(seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'abstracts'), { recursive: true });
  const perSession = 5;
  const sessions = Math.ceil(talks / perSession);
  const rooms = Math.max(1, Math.ceil(sessions / 16)); // about four days of four sessions per room
  const days = Math.ceil(sessions / (rooms * 4));
  const starts = [8 * 60 + 30, 10 * 60 + 30, 14 * 60, 16 * 60];
  const chairs = [];
  const speakers = [];
  let talk = 0;
  let session = 0;
  const sched = ['days:'];
  for (let d = 0; d < days && talk < talks; d++) {
    const date = new Date(Date.UTC(2025, 10, 20 + d)).toISOString().slice(0, 10);
    sched.push(`  - date: ${date}`, '    program:');
    if (d === 0) sched.push('      - { time: 08:00-08:30, kind: opening, title: 开幕式 }');
    for (let s = 0; s < starts.length && talk < talks; s++) {
      for (let room = 0; room < rooms && talk < talks; room++) {
        session++;
        const chair = g.person();
        chairs.push(chair);
        sched.push(`      - session: S${session}`, `        title: ${q(`Session ${session}`)}`, `        chair: ${q(chair.name)}`);
        if (rooms > 1) sched.push(`        room: ${q(`报告厅 ${String.fromCharCode(65 + room)}`)}`);
        sched.push('        slots:');
        for (let k = 0; k < perSession && talk < talks; k++) {
          talk++;
          const id = `t${String(talk).padStart(4, '0')}`;
          const file = abstractFile(g, id);
          speakers.push(...file.speakers);
          writeFileSync(join(dir, 'abstracts', `${id}.md`), file.text);
          const start = starts[s] + k * 20;
          sched.push(`          - { time: ${hm(start)}-${hm(start + 20)}, talk: ${id} }`);
        }
      }
      if (s === 1) sched.push(`      - { time: 12:10-14:00, kind: meal, title: 午餐 }`);
    }
  }
  writeFileSync(join(dir, 'schedule.yaml'), sched.join('\n') + '\n');
  writeCommon(dir, g, { talks, attendees, days, chairs, speakers });
  return { talks, sessions, rooms, days };
}

/** forum.yaml, introduction.md, attendees.csv and roles.yaml of a generated conference. */
export function writeCommon(dir, g, { talks, attendees, days, chairs, speakers }) {
  const last = new Date(Date.UTC(2025, 10, 20 + days - 1)).toISOString().slice(0, 10);
  writeFileSync(join(dir, 'forum.yaml'), [
    `name: ${q(`第${talks}届合成测试学术大会`)}`, `name_en: ${q(`Synthetic Conference with ${talks} Talks`)}`, 'edition: 3',
    'dates:', '  start: 2025-11-20', `  end: ${last}`, `venue: ${q('中山大学，广州')}`,
    'hosts: [中山大学物理学院, 心理学系]', 'co_hosts: [暨南大学物理学系]',
    `organizing_committee: [${chairs.slice(0, 3).map((p) => q(p.name)).join(', ')}]`,
    `academic_committee: [${chairs.slice(0, 12).map((p) => q(p.name)).join(', ')}]`,
    'funding: 国家自然科学基金 No 12122515', 'introduction: introduction.md', ''].join('\n'));
  writeFileSync(join(dir, 'introduction.md'), `${g.zhParagraph()}\n\n${g.zhParagraph()}\n`);
  writeFileSync(join(dir, 'attendees.csv'), attendeesCsv(g, attendees, speakers, chairs));
  // The badge roles (colours, seniority) are the real forum's.
  copyFileSync(new URL('../content/roles.yaml', import.meta.url), join(dir, 'roles.yaml'));
}

const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Speakers and chairs first (with their roles), then committee, organizers, staff and attendees. */
function attendeesCsv(g, count, speakers, chairs) {
  const rows = ['id,name,name_en,affiliation,role'];
  const seen = new Set();
  const add = (p, role) => {
    if (rows.length > count || seen.has(p.name + p.affiliation)) return;
    seen.add(p.name + p.affiliation);
    rows.push([`A${String(rows.length).padStart(5, '0')}`, p.name, p.name_en, p.affiliation, role].map(csvField).join(','));
  };
  for (const p of speakers) add(p, 'speaker');
  for (const p of chairs) add(p, 'chair');
  let guard = 0;
  while (rows.length <= count && guard++ < count * 20) {
    const x = g.r();
    add(g.person(), x < 0.02 ? 'committee' : x < 0.04 ? 'organizer' : x < 0.08 ? 'staff' : 'attendee');
  }
  return rows.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--rooms');
  const rooms = at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
  const [dir, talks, attendees, seed] = args;
  console.log(generateConference(dir, { talks: Number(talks), attendees: Number(attendees), seed: Number(seed ?? 1), rooms }));
}
