import { plural } from "../format";

/** Grading a free answer against its key points, the end of a study session, and a quiz result's weak spots. */
const en = {
  keyPoints: {
    legend: "Tick the key points your answer covered.",
    suggested: "Suggested from your ticks: {outcome} ({ticked} of {total} key points)",
    covered: "covered",
    missed: "not covered",
    coveredCount: "{ticked} of {total} key points covered",
  },
  studyAnswer: "Your answer (optional)",
  studyAnswerHelp: "Write it, or say it to yourself; then show the answer and tick the key points you covered.",
  session: {
    doneTitle: "Done for now",
    thisSession: "This session",
    nothingNow: "Nothing to study right now.",
    whatNext: "What next?",
    studyAhead: plural("Study {count} more new card", "Study {count} more new cards"),
    studyAheadHelp: "Ahead of today's limit of new cards.",
    allTopics: plural("Study all topics: {count} card waiting", "Study all topics: {count} cards waiting"),
    drill: "Drill {topic}",
    drillHelp: "10 questions on this topic",
    stats: "See your statistics",
  },
  result: {
    show: "Show",
    all: "All ({count})",
    mistakes: "Wrong or partly right ({count})",
    noMistakes: "No wrong answers in this quiz.",
    timeTaken: "Time taken",
    overtime: "Over time: {limit} s allowed",
    weakTitle: "Weak spots",
    weakLead: "Topics scored below {percent} in this quiz: drill one with 10 questions on it.",
    weakScore: "{points} of {questions}",
    drill: "Drill this topic",
    drillNamed: "Drill this topic: {topic}",
    noWeak: "No weak spots: every topic scored {percent} or more.",
  },
};

export type PracticeMessages = typeof en;

const zh: PracticeMessages = {
  keyPoints: {
    legend: "勾选你的答案覆盖到的要点。",
    suggested: "根据勾选建议：{outcome}（要点 {ticked}/{total}）",
    covered: "已覆盖",
    missed: "未覆盖",
    coveredCount: "覆盖了 {ticked}/{total} 个要点",
  },
  studyAnswer: "你的答案（可选）",
  studyAnswerHelp: "写下来，或在心里说一遍；然后显示答案，勾选你覆盖到的要点。",
  session: {
    doneTitle: "本轮完成",
    thisSession: "本轮学习",
    nothingNow: "现在没有要学习的卡片。",
    whatNext: "接下来",
    studyAhead: "再学 {count} 张新卡",
    studyAheadHelp: "超出今日新卡上限，提前学习。",
    allTopics: "学习全部主题：{count} 张卡片待学",
    drill: "专项练习：{topic}",
    drillHelp: "这个主题的 10 道题",
    stats: "查看统计",
  },
  result: {
    show: "显示",
    all: "全部（{count}）",
    mistakes: "错误或部分正确（{count}）",
    noMistakes: "这次测验没有答错的题。",
    timeTaken: "用时",
    overtime: "超时：限时 {limit} 秒",
    weakTitle: "薄弱环节",
    weakLead: "本次测验得分低于 {percent} 的主题：选一个做 10 道专项练习。",
    weakScore: "{points} / {questions}",
    drill: "专项练习这个主题",
    drillNamed: "专项练习这个主题：{topic}",
    noWeak: "没有薄弱环节：每个主题得分都不低于 {percent}。",
  },
};

export const PRACTICE_MESSAGES = { en, zh };
