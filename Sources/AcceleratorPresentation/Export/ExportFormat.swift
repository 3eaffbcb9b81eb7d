import AcceleratorCSV
import AcceleratorDomain

extension ExportProfile {
    /// The CSV layout of the profile: comma, CRLF, no BOM; or semicolon, CRLF, UTF-8 BOM. Every
    /// front end that streams an export writes it with this format.
    public var csvFormat: CSVWriter.Format {
        switch self {
        case .rfc4180: .rfc4180
        case .excelFrench: .excelFrench
        }
    }
}
