// The CDK app entry (`cdk.json` runs it with tsx after compiling the e-mail templates); the CLI synthesizes it.
import { createApp } from './create-app.ts';

createApp();
