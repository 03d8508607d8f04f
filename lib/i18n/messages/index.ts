import type { Language } from "../language";
import { ACCOUNT_MESSAGES, type AccountMessages } from "./account";
import { APP_MESSAGES, type AppMessages } from "./app";
import { CALCULATOR_MESSAGES, type CalculatorMessages } from "./calculator";
import { DEBATES_MESSAGES, type DebatesMessages } from "./debates";
import { LAB_MESSAGES, type LabMessages } from "./lab";
import { PLAN_MESSAGES, type PlanMessages } from "./plan";
import { PRACTICE_MESSAGES, type PracticeMessages } from "./practice";
import { PROGRESS_MESSAGES, type ProgressMessages } from "./progress";
import { SEARCH_MESSAGES, type SearchMessages } from "./search";

/**
 * Every text of the interface, in both languages. Messages are plain data (strings with {placeholders}, see
 * format.ts), so a server page can hand any part of them to a client island as it is.
 */
export type Messages = AppMessages &
  ProgressMessages & {
    account: AccountMessages;
    calculator: CalculatorMessages;
    debates: DebatesMessages;
    lab: LabMessages;
    plan: PlanMessages;
    practice: PracticeMessages;
    search: SearchMessages;
  };

export const MESSAGES: Record<Language, Messages> = {
  en: {
    ...APP_MESSAGES.en,
    ...PROGRESS_MESSAGES.en,
    account: ACCOUNT_MESSAGES.en,
    calculator: CALCULATOR_MESSAGES.en,
    debates: DEBATES_MESSAGES.en,
    lab: LAB_MESSAGES.en,
    plan: PLAN_MESSAGES.en,
    practice: PRACTICE_MESSAGES.en,
    search: SEARCH_MESSAGES.en,
  },
  zh: {
    ...APP_MESSAGES.zh,
    ...PROGRESS_MESSAGES.zh,
    account: ACCOUNT_MESSAGES.zh,
    calculator: CALCULATOR_MESSAGES.zh,
    debates: DEBATES_MESSAGES.zh,
    lab: LAB_MESSAGES.zh,
    plan: PLAN_MESSAGES.zh,
    practice: PRACTICE_MESSAGES.zh,
    search: SEARCH_MESSAGES.zh,
  },
};

export type { AccountMessages, AppMessages, CalculatorMessages, DebatesMessages, LabMessages, PlanMessages, PracticeMessages, ProgressMessages, SearchMessages };
