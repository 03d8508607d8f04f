import { describe, expect, it } from "vitest";
import { interviewDateField, interviewDateProblem } from "./interview-date";

describe("an interview date", () => {
  it("is a real date from today to a year ahead", () => {
    expect(interviewDateProblem("2026-06-15", "2026-06-15")).toBeNull();
    expect(interviewDateProblem("2027-06-15", "2026-06-15")).toBeNull();
    expect(interviewDateProblem("2027-06-16", "2026-06-15")).toBe("too_far");
    expect(interviewDateProblem("2026-06-14", "2026-06-15")).toBe("past");
    expect(interviewDateProblem("2026-06-31", "2026-06-15")).toBe("date");
    expect(interviewDateProblem("next week", "2026-06-15")).toBe("date");
  });

  it("as a form field: empty clears it, anything else is checked and named", () => {
    const field = interviewDateField("2026-06-15");
    expect(field.parse("")).toBeNull();
    expect(field.parse(" 2026-06-29 ")).toBe("2026-06-29");
    const refused = field.safeParse("2026-06-01");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(["past"]);
  });
});
