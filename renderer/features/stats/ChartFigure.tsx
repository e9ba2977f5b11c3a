import { Box, Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TableAlternative {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart with its title, an accessible name (the chart itself is an image to assistive
 * technology) and the same figures as a table behind a button, for keyboards and screen readers.
 */
export function ChartFigure({ title, table, children }: { title: string; table: TableAlternative; children: ReactNode }) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const titleId = useId();
  return (
    <Box component="figure" aria-labelledby={titleId} sx={{ m: 0, minWidth: 0 }}>
      <Typography id={titleId} component="figcaption" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Box role="img" aria-label={t('stats.chartOf', { title })}>
        {children}
      </Box>
      <Button size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
        {t(showTable ? 'stats.hideTable' : 'stats.showTable')}
      </Button>
      <TableContainer id={tableId} hidden={!showTable}>
        {showTable && (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                {table.columns.map((c) => (
                  <TableCell key={c}>{c}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row, i) => (
                <TableRow key={i}>
                  {row.map((cell, j) => (
                    <TableCell key={j} align={typeof cell === 'number' ? 'right' : 'left'}>
                      {cell}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </TableContainer>
    </Box>
  );
}
