import type { Locale } from '../model/types.js';

/**
 * The Chinese wording of templates/locales/zh-CN.yaml, for a program whose templates folder
 * has no locales/ (an organizer's older copy) and for tests that build views alone.
 */
export const DEFAULT_LOCALE: Locale = {
  language: 'zh-CN',
  words: Object.fromEntries(Object.entries({
    introduction: '论坛简介', organizers: '组织单位', hosts: '主办单位', co_hosts: '协办单位', organizing_committee: '论坛组委会',
    academic_committee: '学术委员会', acknowledgments: '致谢', funding: '资助', contact: '联系方式', livestream: '线上直播', funded_by: '本论坛承蒙{funding}资助。', contents: '目录',
    schedule: '会议日程', abstracts: '报告摘要', speaker_index: '报告人索引', speaker_index_note: '按姓氏拼音排序，页码指向报告摘要所在页。',
    no_abstract: '（本报告无摘要）', chair: '主持', room: '地点', online: '线上', held_online: '线上举行', booklet: '会 议 手 册', cover_kicker: '会 议 手 册　P R O G R A M',
    today: '今日日程', subject_booklet: '会议手册', subject_signs: '会场门牌', subject_badges: '胸牌', print_copy: '印刷拼版', day_schedule: '日程', abstract_summary: '摘要', add_to_calendar: '加入日历', search: '搜索报告、报告人', no_match: '没有找到。', times_in: '时间为{zone}', see_booklet: '完整手册见 {file}', beijing_time: '北京时间', zone_time: '{zone} 时间', ics_speaker: '报告人 Speaker', ics_chair: '主持 Chair',
  }).map(([k, v]) => [k, [v]])) as Locale['words'],
  kinds: Object.fromEntries(Object.entries({
    plenary: '大会报告', keynote: '主旨报告', invited: '特邀报告', talk: '报告', panel: '专题研讨', poster: '墙报', workshop: '研讨会',
    opening: '开幕式', closing: '闭幕式', discussion: '讨论', break: '休息', meal: '用餐', announcement: '宣讲', other: '其他',
  }).map(([k, v]) => [k, [v]])) as Locale['kinds'],
  punctuation: { list: '、', speakers: '；', colon: '：', open: '（', close: '）', gap: '　', separator: '　·　' },
  dates: {
    date: { year: 'numeric', month: 'long', day: 'numeric' }, monthDay: { month: 'long', day: 'numeric' }, weekday: 'long',
    full: '{date} {weekday}', short: '{month_day} {weekday}', rangeSeparator: '—', dayNumber: '第{cn}天',
  },
  collation: 'zh-u-co-pinyin',
};

/** A word of the locale in its first language (for metadata and views, where no markup goes). */
export function word(locale: Locale, key: string): string {
  return Object.hasOwn(locale.words, key) ? locale.words[key][0] : key;
}

/** A word in both languages, "会议手册 / Program book", or in one. */
export function bothWords(locale: Locale, key: string, sep = ' / '): string {
  return Object.hasOwn(locale.words, key) ? locale.words[key].join(sep) : key;
}
