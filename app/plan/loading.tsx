export { PageSkeleton as default } from "@/app/ui/page-skeleton";
