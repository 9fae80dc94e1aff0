namespace Syndication.Core.Ingestion.Normalising;

/// <summary>One piece of a date string: a run of digits, a run of letters (lower case), or one other character.</summary>
// Value is -1 for a number with too many digits to be part of a date; SpaceBefore tells "+0700" from "- 17:03".
internal readonly record struct DateToken(DateTokenKind Kind, string Word, int Value, int Digits, char Symbol, bool SpaceBefore)
{
    public bool IsNumber => Kind == DateTokenKind.Number;

    public bool IsSymbol(char symbol) => Kind == DateTokenKind.Symbol && Symbol == symbol;

    public bool IsAdjacentNumber => Kind == DateTokenKind.Number && !SpaceBefore;
}
