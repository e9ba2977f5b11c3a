import { Box, Typography } from '@mui/material';

/** One labelled value of the case page; an empty value shows as a dash. */
export function Field({ label, value, block }: { label: string; value: string; block?: boolean }) {
  return (
    <Box sx={{ mt: block ? 2 : 0 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Typography>
    </Box>
  );
}
