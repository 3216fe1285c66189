export { createZipCentroidGeocoder } from './zip-centroids.js';
