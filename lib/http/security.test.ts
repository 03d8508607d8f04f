import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, transportSecurity } from "./security";

const directives = (policy: string) => new Map(policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));

describe("the Content-Security-Policy of a page", () => {
  it("runs scripts by this response's nonce only, and frames, plugins and foreign bases nothing", () => {
    const policy = directives(contentSecurityPolicy("abc123", false));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
  });

  it("allows eval and the reload socket only in development", () => {
    expect(directives(contentSecurityPolicy("n", true)).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy("n", true)).get("connect-src")).toContain("ws:");
    expect(contentSecurityPolicy("n", false)).not.toMatch(/unsafe-eval|ws:/);
  });
});

describe("HSTS", () => {
  it("is sent only when the app's origin is https", () => {
    expect(transportSecurity("https://bn.example.org")).toBe("max-age=31536000; includeSubDomains");
    expect(transportSecurity("http://localhost:3000")).toBeNull();
    expect(transportSecurity(undefined)).toBeNull();
  });
});
