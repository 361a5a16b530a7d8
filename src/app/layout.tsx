import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'IoT Connectivity Portal', description: 'SIMs, devices, usage and billing, per Workspace.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
