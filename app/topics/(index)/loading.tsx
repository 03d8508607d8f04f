// In a route group so it wraps only this page, not the sibling that must answer 404: see PageSkeleton.
export { PageSkeleton as default } from "@/app/ui/page-skeleton";
