import { plural } from "../format";

// The texts of /cards search.
const en = {
  help: "Press / to search. A glossary term is found by any of its names, in English or Chinese.",
  resultsLabel: "Cards",
  didYouMean: "Did you mean {term}? The results include it and its synonyms.",
  none: "No card matches “{q}”.",
  noneFiltered: "No card matches “{q}” in this topic and difficulty.",
  clearFilters: "Search all topics and difficulties",
  partial: "No card has all of these words. Cards with some of them:",
  suggestions: "Glossary terms close to it:",
  excerptOther: "In the other language:",
  showAll: plural("Show all {count} card", "Show all {count} cards"),
};

export type SearchMessages = typeof en;

const zh: SearchMessages = {
  help: "按 / 开始搜索。术语表中的术语用任何一种名称（中文或英文）都能搜到。",
  resultsLabel: "卡片",
  didYouMean: "你是不是要找“{term}”？结果已包含它和它的同义词。",
  none: "没有卡片匹配“{q}”。",
  noneFiltered: "在这个主题和难度下，没有卡片匹配“{q}”。",
  clearFilters: "在全部主题和难度中搜索",
  partial: "没有卡片包含所有这些词。包含其中一部分的卡片：",
  suggestions: "相近的术语：",
  excerptOther: "另一种语言中：",
  showAll: "显示全部 {count} 张卡片",
};

export const SEARCH_MESSAGES = { en, zh };
