// What the flights had ready against what their passengers bought: where sales are being missed.
import { MEDIA_MIXES, type MediaMix, type SalesReportView } from '../../shared/reports';

const AVAILABLE: Record<MediaMix, string> = {
  both: 'Video + photos',
  video: 'Video only',
  photos: 'Photos only',
  nothing: 'Nothing yet',
};
const BOUGHT: Record<MediaMix, string> = {
  both: 'Both',
  video: 'Video',
  photos: 'Photos',
  nothing: 'None',
};

export function AvailabilityTable({ report }: { report: SalesReportView }) {
  return (
    <table className="availability">
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Flight had
          </th>
          <th scope="col" rowSpan={2}>
            Flights
          </th>
          <th scope="colgroup" colSpan={MEDIA_MIXES.length} className="bought-heading">
            They bought
          </th>
        </tr>
        <tr>
          {MEDIA_MIXES.map((mix) => (
            <th key={mix} scope="col">
              {BOUGHT[mix]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.availability.map((row) => (
          <tr key={row.available}>
            <th scope="row">{AVAILABLE[row.available]}</th>
            <td>{row.flights}</td>
            {MEDIA_MIXES.map((mix) => (
              <td key={mix} className={mix === 'nothing' && row.bought.nothing > 0 ? 'missed' : undefined}>
                {row.bought[mix]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
