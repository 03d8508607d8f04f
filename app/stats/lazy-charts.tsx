"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ComponentProps } from "react";

/*
 * Recharts is the heaviest script of the app (about 125 KB gzip, and a few hundred milliseconds of a phone's
 * main thread to start and draw): it is fetched only when the quiz-scores chart, at the bottom of /stats, comes
 * into view, in a box of its final height meanwhile, so nothing moves when it arrives. The numbers are on the
 * page already, in the server-rendered table under the chart.
 */
const QuizScores = dynamic(() => import("./charts").then((charts) => charts.QuizScoresChart), { ssr: false, loading: () => null });

function WhenInView({ height, children }: { height: number; children: React.ReactNode }) {
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
    <div ref={box} style={{ minHeight: height }}>
      {inView ? children : null}
    </div>
  );
}




export function QuizScoresChart(props: ComponentProps<typeof QuizScores>) {
  return (
    <WhenInView height={260}>
      <QuizScores {...props} />
    </WhenInView>
  );
}
