import { Box, Link, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Branch, CaseSummary } from '../../../shared/api/contract';
import { CASE_STATES, SEVERITIES } from '../../../shared/domain/enums';
import { allCategories, categoryLabel } from '../../../shared/domain/categories';
import { PROFILES } from '../../../shared/domain/profiles';
import { useLive, useStore } from '../../app/store';
import { chinaTime } from '../../app/chinaTime';
import { useOrganization } from '../../app/organization';
import { NO_ASSIGNEE, NO_FILTERS, PRESETS, queryOf, type QueueFilters } from './queueFilters';
import { ChinaDateField } from '../../app/pickers';

const ROW_HEIGHT = 44;
/** Rows fetched around the visible ones; the list itself may hold 100,000. */
const WINDOW = 100;
/**
 * The fetched window moves in steps of STEP rows and starts STEP rows above the step holding the
 * first visible row: derived during render, so a jump fetches in the same frame as the scroll.
 */
const STEP = 30;
const windowStart = (firstVisible: number) => Math.max(0, (Math.floor(firstVisible / STEP) - 1) * STEP);
const COLUMNS = '220px 1fr 180px 140px 220px';
const DUE_SOON_MS = 4 * 3_600_000;

function DueCell({ at }: { at: number | null }) {
  const { t, i18n } = useTranslation();
  if (at === null) return <>{t('queues.noDeadline')}</>;
  const left = at - Date.now();
  const text = chinaTime(i18n.language, at);
  if (left < 0) return <Typography component="span" variant="body2" color="error">{`${t('queues.overdue')} · ${text}`}</Typography>;
  if (left < DUE_SOON_MS)
    return <Typography component="span" variant="body2" color="warning.main">{`${t('queues.dueSoon')} · ${text}`}</Typography>;
  return <>{text}</>;
}

function Row({
  row,
  onOpen,
  style,
  categoryLabel,
}: {
  row: CaseSummary | undefined;
  onOpen: (id: string) => void;
  style: React.CSSProperties;
  categoryLabel: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Box
      role="row"
      style={style}
      sx={{ display: 'grid', gridTemplateColumns: COLUMNS, alignItems: 'center', px: 2, borderBottom: 1, borderColor: 'divider' }}
    >
      {row ? (
        <>
          <Box role="cell" sx={{ fontFamily: 'monospace' }}>
            <Link component="button" onClick={() => onOpen(row.id)} aria-label={t('queues.open', { caseNo: row.caseNo })}>
              {row.caseNo}
            </Link>
          </Box>
          <Box role="cell" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {row.complainantName || t('case.anonymous')}
          </Box>
          <Box role="cell">{categoryLabel(row.category)}</Box>
          <Box role="cell">{t(`state.${row.state}`)}</Box>
          <Box role="cell">
            <DueCell at={row.nextDueAt} />
          </Box>
        </>
      ) : (
        <Box role="cell" sx={{ color: 'text.disabled' }}>
          …
        </Box>
      )}
    </Box>
  );
}

/** The branch's complaints: queues, filters and search; nearest deadline first; live; virtualized. */
export function QueueScreen({ branch, onOpen }: { branch: Branch; onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const org = useOrganization();
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [found, setFound] = useState<CaseSummary[] | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const query = queryOf(filters);
  const [firstVisible, setFirstVisible] = useState(0);
  const page = useLive('cases.query', { ...query, offset: windowStart(firstVisible), limit: WINDOW });
  const total = found ? found.length : page?.ok ? page.value.total : 0;
  // No page yet: at start, with many cases, the store may still be loading its read model (the intake works meanwhile).
  const loading = !found && page === null;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    onChange: (v) => setFirstVisible(v.getVirtualItems()[0]?.index ?? 0),
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (text.trim() === '') return setFound(null);
    let current = true;
    void api.call('cases.search', { text, limit: 200 }, envelope).then((r) => current && setFound(r.ok ? r.value : []));
    return () => {
      current = false;
    };
  }, [api, envelope, text]);

  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setFirstVisible(0);
    scroller.current?.scrollTo({ top: 0 });
  };
  // A row is shown only from the page fetched for its place: a page still in flight shows "…", never another case.
  const rowAt = (i: number) => (found ? found[i] : page?.ok ? page.value.items[i - page.value.offset] : undefined);
  const nativeSelect = { select: { native: true }, inputLabel: { shrink: true } } as const;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="queues-title">
      <Typography id="queues-title" variant="h5" component="h1" gutterBottom>
        {t('queues.title')}
      </Typography>
      <Tabs
        value={filters.preset}
        onChange={(_, v: QueueFilters['preset']) => set('preset', v)}
        aria-label={t('queues.presets')}
        sx={{ mb: 2 }}
      >
        {PRESETS.map((p) => (
          <Tab key={p} value={p} label={t(`queues.preset.${p}`)} />
        ))}
      </Tabs>
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <TextField
          type="search"
          label={t('queues.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ flex: 1, minWidth: 260 }}
        />
        <TextField
          select
          slotProps={nativeSelect}
          label={t('queues.state')}
          value={filters.state}
          onChange={(e) => set('state', e.target.value as QueueFilters['state'])}
          sx={{ width: 150 }}
        >
          <option value="">{t('queues.all')}</option>
          {CASE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={nativeSelect}
          label={t('queues.category')}
          value={filters.category}
          onChange={(e) => set('category', e.target.value)}
          sx={{ width: 150 }}
        >
          <option value="">{t('queues.all')}</option>
          {allCategories(branch.profileId, org).map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c, org, t)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={nativeSelect}
          label={t('queues.assignee')}
          value={filters.assignee}
          onChange={(e) => set('assignee', e.target.value)}
          sx={{ width: 150 }}
        >
          <option value="">{t('queues.all')}</option>
          <option value={NO_ASSIGNEE}>{t('queues.nobody')}</option>
          {org.staff.map((m) => (
            <option key={m.id} value={m.id}>{`${m.name} (${m.id})`}</option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={nativeSelect}
          label={t('intake.severity')}
          value={filters.severity}
          onChange={(e) => set('severity', e.target.value as QueueFilters['severity'])}
          sx={{ width: 120 }}
        >
          <option value="">{t('queues.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </TextField>
        <TextField
          label={t(PROFILES[branch.profileId].businessRefLabel)}
          value={filters.businessRef}
          onChange={(e) => set('businessRef', e.target.value)}
          sx={{ width: 180 }}
        />
        <ChinaDateField label={t('queues.from')} value={filters.from} onChange={(v) => set('from', v)} width={190} />
        <ChinaDateField label={t('queues.to')} value={filters.to} onChange={(v) => set('to', v)} width={190} />
      </Stack>
      {page && !page.ok && (
        <Typography color="error" role="alert">
          {page.error.message}
        </Typography>
      )}
      <Typography variant="body2" role="status" sx={{ mb: 1 }}>
        {loading ? t('queues.loading') : t('queues.total', { count: total })}
      </Typography>
      <Box role="table" aria-labelledby="queues-title" aria-rowcount={total + 1} aria-busy={loading}>
        <Box role="rowgroup">
          <Box
            role="row"
            sx={{ display: 'grid', gridTemplateColumns: COLUMNS, px: 2, py: 1, fontWeight: 500, borderBottom: 1, borderColor: 'divider' }}
          >
            <Box role="columnheader">{t('queues.caseNo')}</Box>
            <Box role="columnheader">{t('queues.complainant')}</Box>
            <Box role="columnheader">{t('queues.category')}</Box>
            <Box role="columnheader">{t('queues.state')}</Box>
            <Box role="columnheader">{t('queues.due')}</Box>
          </Box>
        </Box>
        <Box ref={scroller} role="rowgroup" sx={{ height: 'calc(100vh - 380px)', minHeight: 240, overflow: 'auto' }}>
          {total === 0 ? (
            <Box role="row" sx={{ p: 2 }}>
              <Box role="cell">{loading ? t('queues.loading') : t('queues.empty')}</Box>
            </Box>
          ) : (
            <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((v) => (
                <Row
                  key={v.key}
                  row={rowAt(v.index)}
                  onOpen={onOpen}
                  categoryLabel={(id) => categoryLabel(id, org, t)}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}
                />
              ))}
            </Box>
          )}
        </Box>
      </Box>
    </Paper>
  );
}
