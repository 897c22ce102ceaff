import { useEffect, useMemo, useState } from 'react';
import type { InspectorMessages, InspectorTopics } from '../../engine/contract/index.js';
import { useApi } from '../api/api-context.js';
import { TopicDetail } from '../components/topics/TopicDetail.js';
import { TopicTree } from '../components/topics/TopicTree.js';
import { treeRows, type TreeRow } from '../components/topics/topic-tree.js';
import { errorMessage } from '../format.js';
import '../components/topics/topics.css';

/** How often the view reads the inspector while it is open (ms): no frame carries it. */
const POLL_MS = 1000;

type Selected = { readonly connection: string; readonly topic: string; readonly key: string };

const mib = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`);

/**
 * The raw topic inspector of a watch: every topic under the subscriptions, mapped or not, as a tree
 * with counts and rates; the selected topic's latest payload beside the previous one, and what
 * Linesight made of each. Read every second while open; kept by the engine in memory, bounded.
 */
export function Topics() {
  const api = useApi();
  const [topics, setTopics] = useState<InspectorTopics | null>(null);
  const [messages, setMessages] = useState<InspectorMessages | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  // "seen … ago" counts from the last read, not from each render
  const [now, setNow] = useState(0);

  useEffect(() => {
    let live = true;
    const read = async () => {
      try {
        const t = await api.queries['inspector.topics']();
        const m = selected === null ? null : await api.queries['inspector.messages']({ connection: selected.connection, topic: selected.topic });
        if (!live) return;
        setTopics(t);
        setMessages(m);
        setNow(Date.now());
        setError(null);
      } catch (err) {
        if (live) setError(errorMessage(err));
      }
    };
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, selected]);

  const shownTopics = useMemo(() => {
    const all = topics?.topics ?? [];
    const f = filter.trim().toLowerCase();
    return f === '' ? all : all.filter((t) => t.topic.toLowerCase().includes(f));
  }, [topics, filter]);
  const rows = useMemo(() => treeRows(shownTopics, collapsed), [shownTopics, collapsed]);
  const toggle = (r: TreeRow) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(r.key)) next.add(r.key);
      return next;
    });
  const totals = topics?.totals;

  return (
    <div className="view topics-view">
      <h1>Topics</h1>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {topics !== null && topics.session === null ? (
        <p className="empty">
          No watch is running. Watch a broker under <a href="#/connections">Connections</a>: every topic under its subscriptions shows here, mapped or not.
        </p>
      ) : (
        <>
          {totals && (
            <p className="tp-totals" aria-label="Inspector totals">
              {totals.topics} topics · {totals.messages} messages · {mib(totals.bytes)} of {mib(totals.limits.maxBytes)} kept · last {totals.limits.perTopic} per topic
              {totals.evictedTopics > 0 && ` · ${totals.evictedTopics} topics (${totals.evictedMessages} messages) evicted, least recently seen first`}
            </p>
          )}
          <div className="tp-layout">
            <div className="tp-left">
              <input type="search" placeholder="Filter topics" aria-label="Filter topics" value={filter} onChange={(e) => setFilter(e.target.value)} />
              <TopicTree rows={rows} selected={selected?.key ?? null} now={now} onToggle={toggle} onSelect={(r) => setSelected({ connection: r.connection, topic: r.topic!.topic, key: r.key })} />
            </div>
            <div className="tp-right">
              {selected === null ? (
                <p className="empty">Select a topic to see its payloads and what Linesight made of them.</p>
              ) : messages !== null && messages.topic === selected.topic && messages.connection === selected.connection ? (
                <TopicDetail key={selected.key} data={messages} />
              ) : (
                <p className="empty">Reading {selected.topic}…</p>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
