export * from "./study-day";
