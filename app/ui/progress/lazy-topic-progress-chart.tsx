"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ComponentProps } from "react";
import { progressChartHeight } from "./format";

/*
 * Recharts is the heaviest script of the app: it is fetched only when the chart comes into view, in a box of
 * the chart's final height meanwhile, so nothing moves when it arrives. The numbers are on the page already, in
 * the server-rendered table beside the chart.
 */
const Chart = dynamic(() => import("./topic-progress-chart").then((module) => module.TopicProgressChart), { ssr: false, loading: () => null });

export function LazyTopicProgressChart(props: ComponentProps<typeof Chart>) {
  const box = useRef<HTMLDivElement>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setInView(true);
        observer.disconnect();
      }
    });
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} style={{ minHeight: progressChartHeight(props.topics.length) }} data-testid="progress-chart">
      {inView ? <Chart {...props} /> : null}
    </div>
  );
}
