import type { Metadata } from 'next';
import { Explorer } from './explorer';

export const metadata: Metadata = { title: 'API explorer (GraphiQL) · IoT Connectivity Portal' };

/** /graphiql: the API explorer for integrators, bundled from npm (works without internet access). */
export default function GraphiQLPage() {
  return <Explorer />;
}
