import {
  Alert,
  Box,
  Button,
  Chip,
  Divider,
  List,
  ListItem,
  ListItemText,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockState } from '../../../shared/deadlines';
import type { CommandName } from '../../../shared/workflow/commands';
import { closingKind } from '../../../shared/workflow/closing';
import { changeLines } from '../../../shared/i18n/changes';
import type { Branch } from '../../../shared/api/contract';
import { useChinaTime } from '../../app/chinaTime';
import { useCategoryLabel } from '../../app/organization';
import { AccountabilityDetails } from '../accountability/AccountabilityDetails';
import { PrintSection } from '../print/PrintSection';
import { useLive } from '../../app/store';
import { Attachments } from './Attachments';
import { CommandDialog } from './CommandDialog';
import { EscalationDetails } from './EscalationDetails';
import { hasDialog } from './commandFields';
import { HandlingDetails } from './HandlingDetails';
import { RelatedCases } from './RelatedCases';
import { ComplainantFields } from './ComplainantFields';
import { canBeCalledBack, isAnonymous } from '../../../shared/domain/contact';
import { Field } from './Field';
import { isRestricted, RestrictedCase } from '../archive/RestrictedCase';
import { AccessLogSection } from '../archive/AccessLogSection';

const CLOCK_COLOURS: Partial<Record<ClockState['status'], 'error' | 'warning' | 'success' | 'default'>> = {
  overdue: 'error',
  met_late: 'warning',
  due_soon: 'warning',
  met: 'success',
};

interface CaseScreenProps {
  caseId: string;
  branch: Branch;
  onBack: () => void;
  onOpen: (caseId: string) => void;
}

/** Everything about one case; an archived case the user may not read is restricted, read again once access is granted. */
export function CaseScreen(props: CaseScreenProps) {
  const [reads, setReads] = useState(0);
  const readAgain = useCallback(() => setReads((n) => n + 1), []);
  return <CaseView key={reads} {...props} onGranted={readAgain} />;
}

/** Everything about one case: who, what, the deadlines, the actions this user may take, the timeline. */
function CaseView({ caseId, branch, onBack, onOpen, onGranted }: CaseScreenProps & { onGranted: () => void }) {
  const { t } = useTranslation();
  const detail = useLive('cases.get', { caseId });
  const categoryLabelOf = useCategoryLabel();
  const [action, setAction] = useState<CommandName | null>(null);
  const time = useChinaTime();
  const values = { t, time, category: categoryLabelOf, unlabelled: () => t('case.otherField') };

  if (!detail) return null;
  if (!detail.ok)
    return isRestricted(detail.error) ? (
      <RestrictedCase caseId={caseId} message={detail.error.message} onBack={onBack} onGranted={onGranted} />
    ) : (
      <Alert severity="error">{detail.error.message}</Alert>
    );
  const { case: c, events, clocks, allowedCommands, related } = detail.value;
  // Attachments and links have their own controls; the rest (the correction first) are actions.
  const actions = allowedCommands.filter(hasDialog);
  const closing = closingKind(
    c,
    events.map((e) => e.type),
  );
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="case-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Button onClick={onBack}>{t('case.back')}</Button>
        <Typography id="case-title" variant="h5" component="h1" sx={{ fontFamily: 'monospace' }}>
          {c.caseNo}
        </Typography>
        <Chip label={t(`state.${c.state}`)} color="primary" />
        <Chip label={t(`severity.${c.severity}`)} color={c.severity === 'general' ? 'default' : 'error'} variant="outlined" />
        {c.isReport && <Chip label={t('case.report')} color="error" variant="outlined" />}
        {isAnonymous(c.complainant) && <Chip label={t('case.anonymous')} variant="outlined" />}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 2 }}>
        <ComplainantFields record={c} />
        <Field label={t(`field.businessRef.${c.profileId}`)} value={c.businessRef} />
        <Field label={t('intake.category')} value={categoryLabelOf(c.category)} />
        <Field label={t('intake.channel')} value={t(`channel.${c.channel}`)} />
        <Field label={t('intake.receivedAt')} value={time(c.receivedAt)} />
        <Field label={t('case.assignee')} value={c.assigneeId || '—'} />
      </Box>
      <EscalationDetails record={c} />
      <Field label={t('intake.content')} value={c.content} block />
      {c.expectedResolution && <Field label={t('intake.expected')} value={c.expectedResolution} block />}

      {actions.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ my: 2, flexWrap: 'wrap', gap: 1 }} role="group" aria-label={t('case.actions')}>
          {actions.map((name) => (
            <Button key={name} variant="outlined" onClick={() => setAction(name)}>
              {t(`command.${name}`)}
            </Button>
          ))}
        </Stack>
      )}

      <HandlingDetails record={c} closing={closing} />
      <Attachments record={c} canAdd={allowedCommands.includes('addEvidence')} />
      <RelatedCases record={c} related={related} canLink={allowedCommands.includes('linkCase')} onOpen={onOpen} />
      <AccountabilityDetails record={c} canRecord={allowedCommands.includes('recordAccountability')} />
      <PrintSection detail={detail.value} branch={branch} />
      {c.state === 'archived' && <AccessLogSection caseId={c.id} />}

      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {t('case.deadlines')}
      </Typography>
      <Table size="small" aria-label={t('case.deadlines')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('case.clock')}</TableCell>
            <TableCell>{t('case.dueAt')}</TableCell>
            <TableCell>{t('case.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {clocks.map((k) => (
            <TableRow key={k.id}>
              <TableCell>{t(k.labelKey)}</TableCell>
              <TableCell>{k.dueAt === null ? '—' : time(k.dueAt)}</TableCell>
              <TableCell>
                <Chip size="small" label={t(`deadline.status.${k.status}`)} color={CLOCK_COLOURS[k.status] ?? 'default'} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!canBeCalledBack(c.complainant) && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('case.noCallback')}
        </Alert>
      )}

      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h2">
        {t('case.timeline')}
      </Typography>
      <List dense aria-label={t('case.timeline')}>
        {events.map((e) => (
          <ListItem key={e.seq} disableGutters>
            <ListItemText
              primary={`${time(e.at)} · ${t(`event.${e.type}`)} · ${e.actor.staffId} (${t(`role.${e.actor.role}`)})`}
              secondary={
                changeLines(e.changes, values, e.type).length
                  ? `${t('case.changed')}: ${changeLines(e.changes, values, e.type).join(' · ')}`
                  : undefined
              }
            />
          </ListItem>
        ))}
      </List>
      {action && <CommandDialog record={c} name={action} onClose={() => setAction(null)} />}
    </Paper>
  );
}
