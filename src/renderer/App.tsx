import { ErrorBoundary } from './components/ErrorBoundary';
import { Shell } from './components/Shell';
import { HomeScreen } from './screens/HomeScreen';

export function App() {
  return (
    <Shell>
      <ErrorBoundary>
        <HomeScreen />
      </ErrorBoundary>
    </Shell>
  );
}
