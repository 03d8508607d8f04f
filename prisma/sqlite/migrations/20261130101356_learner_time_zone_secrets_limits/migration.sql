-- AlterTable
ALTER TABLE "Learner" ADD COLUMN "timeZone" TEXT;

-- AlterTable
ALTER TABLE "QuizQuestion" ADD COLUMN "shownAt" DATETIME;

-- CreateTable
CREATE TABLE "InstanceSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL
);

