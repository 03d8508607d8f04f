const en = {
  title: "Debated explanations",
  lead: "Some answers rest on an explanation the field still argues about. Here are the competing explanations, each with its evidence and sources. In an interview, give the one you find strongest and say that it is debated.",
  badge: "Debated",
  badgeLabel: "Debated: see the competing explanations",
  explanations: "Competing explanations",
  sources: "Sources",
  cards: "Cards that rest on this",
};

export type DebatesMessages = typeof en;

const zh: DebatesMessages = {
  title: "有争议的解释",
  lead: "有些答案所依据的解释在学界仍有争论。这里列出相互竞争的解释，以及各自的证据和出处。面试时，给出你认为最有力的一个，并说明它仍有争议。",
  badge: "有争议",
  badgeLabel: "有争议：查看相互竞争的解释",
  explanations: "相互竞争的解释",
  sources: "出处",
  cards: "依据这一争论的卡片",
};

export const DEBATES_MESSAGES = { en, zh };
