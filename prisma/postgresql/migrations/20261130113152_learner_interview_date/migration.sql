-- AlterTable
ALTER TABLE "Learner" ADD COLUMN     "interviewDate" TEXT;

