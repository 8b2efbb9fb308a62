import './polyfills';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { quietAbortedBridges } from './connect/quietAbortedBridges';
import './styles.css';

quietAbortedBridges();
createRoot(document.getElementById('root')!).render(
    <StrictMode>
        <App />
    </StrictMode>,
);
